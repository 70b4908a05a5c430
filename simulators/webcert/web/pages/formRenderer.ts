/**
 * One renderer for every certificate form: each field kind as accessible HTML (labels, legends,
 * groups), conditions as `data-show-when` for the page script, and validation messages under the
 * question they belong to.
 */
import { holds, visibleFields } from '../../model/forms/formConditions.js';
import type { FormDefinition, FormField, FormValues } from '../../model/forms/formDefinition.js';
import type { ValidationError } from '../../model/forms/formValidation.js';
import { html } from './layout.js';

export interface FormRenderOptions {
  values: FormValues;
  errors: readonly ValidationError[];
  readOnly: boolean;
  /** Today in Stockholm (`YYYY-MM-DD`): the years a vague date offers. */
  today: string;
}

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** The HTML id of a value key. */
export function inputId(key: string): string {
  return `f-${key.replace(/\./g, '-')}`;
}

/** Renders a whole form's sections. */
export function renderForm(form: FormDefinition, o: FormRenderOptions): string {
  const shown = new Set(visibleFields(form, o.values).fields.map((f) => f.name));
  return form.sections
    .map((section) => `<section><h2>${html(section.heading)}</h2>${section.fields.map((f) => renderField(f, o, shown.has(f.name))).join('')}</section>`)
    .join('');
}

function renderField(field: FormField, o: FormRenderOptions, visible: boolean): string {
  const showWhen = field.showWhen ? ` data-show-when="${html(JSON.stringify(field.showWhen))}"` : '';
  const errors = o.errors
    .filter((e) => e.field === field.name)
    .map((e) => `<p class="fel${e.missing ? ' saknas' : ''}">${html(e.message)}</p>`)
    .join('');
  const help = field.help ? `<p class="hjalp">${html(field.help)}</p>` : '';
  return `<div class="fraga" id="fraga-${html(field.name)}" data-field="${html(field.name)}"${showWhen}${visible ? '' : ' hidden'}>${control(field, o, help)}<div class="fel-lista" id="fel-${html(field.name)}">${errors}</div></div>`;
}

function attrs(key: string, o: FormRenderOptions, extra = ''): string {
  return `id="${inputId(key)}" name="${html(key)}"${o.readOnly ? ' disabled' : ''}${extra}`;
}

function input(key: string, type: 'text' | 'date', o: FormRenderOptions, extra = ''): string {
  return `<input type="${type}" ${attrs(key, o, extra)} value="${html(o.values[key] ?? '')}">`;
}

function labelled(key: string, label: string, control: string, required: boolean): string {
  // The asterisk stays outside the label, so the label's text is the question itself.
  const mark = required ? ' <span class="obligatorisk" aria-hidden="true">*</span>' : '';
  return `<div class="etikett"><label for="${inputId(key)}">${html(label)}</label>${mark}</div>${control}`;
}

function group(label: string, required: boolean, help: string, body: string): string {
  return `<fieldset><legend>${html(label)}${required ? ' <span class="obligatorisk" aria-hidden="true">*</span>' : ''}</legend>${help}${body}</fieldset>`;
}

function checkbox(key: string, label: string, o: FormRenderOptions): string {
  return `<label class="val"><input type="checkbox" ${attrs(key, o)} value="true"${o.values[key] === 'true' ? ' checked' : ''}>${html(label)}</label>`;
}

function control(field: FormField, o: FormRenderOptions, help: string): string {
  const required = field.required === true;
  const v = o.values;
  switch (field.kind) {
    case 'text':
      return labelled(field.name, field.label, help + input(field.name, 'text', o, field.maxLength ? ` maxlength="${field.maxLength}"` : ''), required);
    case 'textarea':
      return labelled(field.name, field.label, `${help}<textarea ${attrs(field.name, o)}>${html(v[field.name] ?? '')}</textarea>`, required);
    case 'date':
      return labelled(field.name, field.label, help + input(field.name, 'date', o), required);
    case 'year':
      return labelled(field.name, field.label, help + input(field.name, 'text', o, ' inputmode="numeric" maxlength="4" placeholder="åååå"'), required);
    case 'number':
      return labelled(field.name, field.label, help + input(field.name, 'text', o, ' inputmode="decimal"'), required);
    case 'period':
      return group(field.label, required, help, [['from', 'Från och med'], ['tom', 'Till och med']]
        .map(([part, label]) => labelled(`${field.name}.${part}`, label!, input(`${field.name}.${part}`, 'date', o), false)).join(''));
    case 'choice':
      if (field.display === 'select') {
        const options = field.options.map((opt) => `<option value="${html(opt.value)}"${v[field.name] === opt.value ? ' selected' : ''}>${html(opt.label)}</option>`).join('');
        return labelled(field.name, field.label, `${help}<select ${attrs(field.name, o)}><option value="">Välj</option>${options}</select>`, required);
      }
      return group(field.label, required, help, field.options.map((opt) =>
        `<label class="val"><input type="radio" name="${html(field.name)}" id="${inputId(`${field.name}.${opt.value}`)}" value="${html(opt.value)}"${v[field.name] === opt.value ? ' checked' : ''}${o.readOnly ? ' disabled' : ''}>${html(opt.label)}</label>`).join(''));
    case 'flags':
      return group(field.label, required, help, field.options.map((opt) => checkbox(`${field.name}.${opt.code}`, opt.label, o)).join(''));
    case 'multi':
      return group(field.label, required, help, field.options.map((opt) => {
        const key = `${field.name}.${opt.code}`;
        const ticks = ` data-ticks="${inputId(key)}"`;
        let row = checkbox(key, opt.label, o);
        if (field.dateDelsvarId) row += input(`${key}.datum`, 'date', o, ` aria-label="${html(`${opt.label}, datum`)}"${ticks}`);
        if (field.periodDelsvarId) {
          row += input(`${key}.from`, 'date', o, ` aria-label="${html(`${opt.label}, från och med`)}"${ticks}`);
          row += input(`${key}.tom`, 'date', o, ` aria-label="${html(`${opt.label}, till och med`)}"${ticks}`);
        }
        if (field.optionText?.option === opt.code) {
          const condition = { field: field.name, checked: opt.code };
          const textKey = `${key}.text`;
          row += `<div class="delfraga" data-show-when="${html(JSON.stringify(condition))}"${holds(condition, v) ? '' : ' hidden'}>${labelled(textKey, field.optionText.label, `<textarea ${attrs(textKey, o)}>${html(v[textKey] ?? '')}</textarea>`, true)}</div>`;
        }
        return `<div class="rad">${row}</div>`;
      }).join(''));
    case 'diagnoses':
      return group(field.label, required, help, field.rows.map((_, i) => {
        const n = i + 1;
        const code = `${field.name}.${n}.kod`;
        const text = `${field.name}.${n}.text`;
        return `<div class="rad">${labelled(code, n === 1 ? 'Diagnoskod (ICD-10-SE)' : `Diagnoskod ${n} (ICD-10-SE)`, input(code, 'text', o, ' maxlength="8"'), false)}${labelled(text, n === 1 ? 'Diagnos' : `Diagnos ${n}`, input(text, 'text', o), false)}</div>`;
      }).join(''));
    case 'vagueDate': {
      const year = Number(o.today.slice(0, 4));
      const yearKey = `${field.name}.ar`;
      const monthKey = `${field.name}.manad`;
      const years = [String(year), String(year - 1)].map((y) => `<option value="${y}"${v[yearKey] === y ? ' selected' : ''}>${y}</option>`).join('');
      const months = [['00', 'Okänd (00)'], ...MONTHS.map((m, i) => [String(i + 1).padStart(2, '0'), `${String(i + 1).padStart(2, '0')} ${m}`])]
        .map(([value, label]) => `<option value="${value}"${v[monthKey] === value ? ' selected' : ''}>${html(label)}</option>`).join('');
      return group(field.label, required, help,
        labelled(yearKey, `${field.label}, år`, `<select ${attrs(yearKey, o)}><option value="">Välj år</option>${years}</select>`, false) +
        labelled(monthKey, `${field.label}, månad`, `<select ${attrs(monthKey, o)}><option value="">Välj månad</option>${months}</select>`, false));
    }
  }
}
