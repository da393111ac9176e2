/** Helpers for case tests. */
import type { Client } from './test-app';
import { FIXTURES } from './zip';

/** YT-6.1: the five materials, each uploaded as a small PDF. */
export async function uploadMaterials(client: Client, caseId: string) {
  for (const kind of ['application', 'explanation', 'unit_certificate', 'audit_report', 'performance']) {
    const r = await client.upload(`/api/cases/${caseId}/materials?kind=${kind}&fileName=${encodeURIComponent(`${kind}.pdf`)}`, FIXTURES.pdf);
    if (r.status !== 201) throw new Error(`upload ${kind}: ${JSON.stringify(r.json)}`);
  }
  return (await client.get(`/api/cases/${caseId}`)).json;
}
