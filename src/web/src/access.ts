/** What the signed-in user may reach, taken only from the permissions the server sent. */
import type { Me } from './api';

export function access(me: Me | null) {
  const can = (p: string) => !!me?.permissions.includes(p);
  return {
    regions: can('region.read'),
    subjects: can('subject.read'),
    projects: can('project.read'),
    audit: can('audit.read'),
    loginLog: can('security.read'),
    // 三员分立: the system administrator opens accounts, the security administrator authorises them, the audit administrator approves administrator roles.
    accounts: can('account.manage') || can('account.authorize') || can('account.approve'),
    deadlines: can('deadline.read'),
    // Obligations of decisions (YT-10, CI-23) across cases: staff who follow deadlines follow these too; the server scopes the rows.
    obligations: can('deadline.read'),
    // Cases are open to everyone who holds business data: the server scopes what each one sees.
    cases: can('project.read'),
    ratings: can('rating.read') && can('deadline.read'),
    calendar: can('deadline.read') || can('calendar.manage'),
    veto: can('veto.check'),
    // CI-9: a call's commitments — staff see their area's applicants, a unit or person its own and signs it.
    commitments: can('commitment.record'),
    complaints: can('complaint.intake'),
    spotChecks: can('project.write') && can('deadline.read'),
    imports: can('data.import'),
    apiClients: can('apiClient.manage'),
    creditExchange: can('creditExchange.manage'),
    // Issue 20: the leaders' dashboard of the user's area; which figures it holds the server decides.
    dashboard: can('dashboard.read'),
    creditReport: can('creditReport.issue'),
    briefing: can('briefing.generate'),
    // YT-11: a county or prefecture bureau compiles its yearly package; an area holding other bureaus sees who has sent.
    failurePackages: can('failureReport.compile'),
    // CI-13: records decided elsewhere, received as a file on 异常名录.
    externalRecords: can('misconduct.importExternal'),
  };
}
