/**
 * Admin routes for the Webcert simulator's population register (PU): read what PU answers for a
 * number, and change a test patient while a session runs ("the patient has died since", "PU no
 * longer finds the person"). A PU outage is a fault rule instead: `POST /faults
 * {"party":"webcert","operation":"GetPerson","effect":{"kind":"reset"}}`.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import { http } from '../../simulators/kit/network/routeHandlers.js';
import type { PopulationRegister, PopulationRegisterEntry } from '../../simulators/webcert/directory/populationRegister.js';
import type { Topology } from '../topology/startTopology.js';
import { checkInput, guarded, jsonObject, refuse } from './adminHttp.js';

const ENTRY_FIELDS = ['personId', 'fornamn', 'mellannamn', 'efternamn', 'postadress', 'postnummer', 'postort', 'sekretessmarkering', 'avliden', 'puStatus', 'reservnummer'];
const EXAMPLE = '{"fornamn":"Elsa","efternamn":"Avliden","postadress":"Vägen 1","postnummer":"12345","postort":"Testby","avliden":"2026-02-27"}';

function registerOf(t: Topology): PopulationRegister {
  if (!t.webcert) refuse(404, 'Webcert is not simulated in this topology, so it has no population register here');
  return t.webcert.directory.populationRegister;
}

function personIdParam(value: unknown): string {
  const id = String(value);
  if (!/^\d{8}-?\d{4}$/.test(id)) refuse(400, `"${id.slice(0, 20)}" is no person id; use 12 digits, yyyymmddnnnc (a dash allowed before the last four)`);
  return id.replace('-', '');
}

export function populationRegisterRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/webcert/population-register', guarded(() => HttpResponse.json(registerOf(t).list()))),
    http.get('/webcert/population-register/:personId', guarded(({ params }) => {
      const register = registerOf(t);
      const id = personIdParam(params.personId);
      // What PU holds, outages (fault rules) left aside.
      return HttpResponse.json({ entry: register.entry(id) ?? null, answer: register.answer(id) });
    })),
    http.put('/webcert/population-register/:personId', guarded(async ({ request, params }) => {
      const register = registerOf(t);
      const id = personIdParam(params.personId);
      const body = await jsonObject(request, ENTRY_FIELDS, EXAMPLE);
      if (body.personId !== undefined && String(body.personId).replace('-', '') !== id) refuse(400, `personId in the body (${String(body.personId).slice(0, 20)}) differs from the one in the path (${id}); leave it out`);
      const entry = checkInput(() => register.set({ ...body, personId: id } as unknown as PopulationRegisterEntry));
      return HttpResponse.json(entry);
    })),
    http.delete('/webcert/population-register/:personId', guarded(({ params }) => {
      const id = personIdParam(params.personId);
      if (!registerOf(t).remove(id)) refuse(404, `the population register has no test patient ${id}; GET /webcert/population-register lists them`);
      return new HttpResponse(null, { status: 204 });
    })),
  ];
}
