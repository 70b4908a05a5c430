/** The method choice, like Inera's login page: three SITHS methods and the legacy Net iD. */
import { LOGIN_METHODS, METHOD_LABEL } from '../loginMethods.js';
import { esc, layout } from './layout.js';

/** The login page of a transaction. Buttons have ids `metod-<method>`; cancel is `avbryt`. */
export function loginPage(o: { txId: string; serviceProvider: string; notice?: string }): string {
  const buttons = LOGIN_METHODS.map((m) => {
    const { title, detail } = METHOD_LABEL[m];
    return `<button type="submit" class="method" name="method" value="${m}" id="metod-${m}">${esc(title)}<small>${esc(detail)}</small></button>`;
  }).join('\n');
  const notice = o.notice ? `<p class="message" id="meddelande" role="alert">${esc(o.notice)}</p>` : '';
  return layout(
    'Logga in',
    `${notice}<p>Välj hur du vill logga in till <strong id="tjanst">${esc(o.serviceProvider)}</strong>.</p>
<form method="post" action="/saml/login/${esc(o.txId)}/method" aria-label="Välj inloggningsmetod">
${buttons}
</form>
<form method="post" action="/saml/login/${esc(o.txId)}/cancel"><button type="submit" class="secondary" id="avbryt">Avbryt inloggningen</button></form>`,
  );
}
