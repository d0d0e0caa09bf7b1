// What to do first, per crisis type: the user's guide's advice (respond
// quickly, be transparent, show empathy, take responsibility, do not argue in
// public, escalate to the crisis team, keep evidence). Texts in _locales.

/** Message keys of the first response steps, per crisis type; `negative` for a negative comment of no type. */
export const STEPS = {
  review: ['stepRespondFast', 'stepEmpathy', 'stepNoPublicArgument', 'stepKeepEvidence'],
  breach: ['stepEscalate', 'stepTransparent', 'stepResponsibility', 'stepKeepEvidence'],
  safety: ['stepEscalate', 'stepRespondFast', 'stepResponsibility', 'stepTransparent', 'stepKeepEvidence'],
  misconduct: ['stepRespondFast', 'stepEmpathy', 'stepResponsibility', 'stepEscalate'],
  rumor: ['stepTransparent', 'stepNoPublicArgument', 'stepKeepEvidence', 'stepEscalate'],
  scam: ['stepKeepEvidence', 'stepWarnCustomers', 'stepReportPlatform', 'stepEscalate'],
  negative: ['stepRespondFast', 'stepEmpathy', 'stepNoPublicArgument'],
};
