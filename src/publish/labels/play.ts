/**
 * Google Play's Data safety form as the Play Console imports and exports it ("Import from CSV"
 * / "Export to CSV" under App content › Data safety; also the body of the Play Developer API's
 * applications.dataSafety). Five columns; one row per question, or per answer of a multiple- or
 * single-choice question; every question of the form is present, answered or not, in the
 * Console's order. The layout, ids and labels are those of a real export pinned in
 * test/fixtures/labels/play-sample/ (see its README); src/facts/schema/app-stores.ts holds the
 * data types and purposes. Pure: the same facts give the same bytes.
 */
import { PLAY_ACCOUNT_METHODS, PLAY_DATA_TYPES, PLAY_PURPOSES } from '../../facts/schema.js';
import { playTypes, type StoreLabels } from '../../jurisdictions/labels.js';

/** The header row, exactly as the Console writes it (the import refuses any other). */
export const DATA_SAFETY_COLUMNS = [
  'Question ID (machine readable)',
  'Response ID (machine readable)',
  'Response value',
  'Answer requirement',
  'Human-friendly question label',
] as const;

export interface DataSafetyRow {
  question: string;
  response: string;
  value: string;
  requirement: string;
  label: string;
}

type Template = Omit<DataSafetyRow, 'value'>;

const ACCOUNT_QUESTION = 'Which of the following methods of account creation does your app support? Select all that apply';
const DELETION_QUESTION = 'Do you provide a way for users to request that their data is deleted?';

/** The form's questions before the data types (the Console's order and wording). */
const OVERVIEW: readonly Template[] = [
  { question: 'PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA', response: '', requirement: 'REQUIRED', label: 'Does your app collect or share any of the required user data types?' },
  { question: 'PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT', response: '', requirement: 'MAYBE_REQUIRED', label: 'Is all of the user data collected by your app encrypted in transit?' },
  { question: 'PSL_SUPPORTED_ACCOUNT_CREATION_METHODS', response: 'PSL_ACM_USER_ID_PASSWORD', requirement: 'MULTIPLE_CHOICE', label: `${ACCOUNT_QUESTION} / Username and password` },
  { question: 'PSL_SUPPORTED_ACCOUNT_CREATION_METHODS', response: 'PSL_ACM_USER_ID_OTHER_AUTH', requirement: 'MULTIPLE_CHOICE', label: `${ACCOUNT_QUESTION} / Username and other authentication` },
  { question: 'PSL_SUPPORTED_ACCOUNT_CREATION_METHODS', response: 'PSL_ACM_USER_ID_PASSWORD_OTHER_AUTH', requirement: 'MULTIPLE_CHOICE', label: `${ACCOUNT_QUESTION} / Username, password, and other authentication` },
  { question: 'PSL_SUPPORTED_ACCOUNT_CREATION_METHODS', response: 'PSL_ACM_OAUTH', requirement: 'MULTIPLE_CHOICE', label: `${ACCOUNT_QUESTION} / OAuth` },
  { question: 'PSL_SUPPORTED_ACCOUNT_CREATION_METHODS', response: 'PSL_ACM_OTHER', requirement: 'MULTIPLE_CHOICE', label: `${ACCOUNT_QUESTION} / Other` },
  { question: 'PSL_SUPPORTED_ACCOUNT_CREATION_METHODS', response: 'PSL_ACM_NONE', requirement: 'MULTIPLE_CHOICE', label: `${ACCOUNT_QUESTION} / My app does not allow users to create an account` },
  { question: 'PSL_ACM_SPECIFY', response: '', requirement: 'MAYBE_REQUIRED', label: 'Describe the method of account creation that your app supports' },
  // The Console's label ends in a space; kept, so that a re-import matches byte for byte.
  { question: 'PSL_ACCOUNT_DELETION_URL', response: '', requirement: 'MAYBE_REQUIRED', label: 'Add a link that users can use to request that their account and associated data is deleted ' },
  { question: 'PSL_SUPPORT_DATA_DELETION_BY_USER', response: 'DATA_DELETION_YES', requirement: 'SINGLE_CHOICE', label: `${DELETION_QUESTION} / Yes` },
  { question: 'PSL_SUPPORT_DATA_DELETION_BY_USER', response: 'DATA_DELETION_NO', requirement: 'SINGLE_CHOICE', label: `${DELETION_QUESTION} / No` },
  { question: 'PSL_SUPPORT_DATA_DELETION_BY_USER', response: 'DATA_DELETION_NO_AUTO_DELETED', requirement: 'SINGLE_CHOICE', label: `${DELETION_QUESTION} / No, but user data is automatically deleted within 90 days` },
  { question: 'PSL_DATA_DELETION_URL', response: '', requirement: 'MAYBE_REQUIRED', label: 'Delete data URL' },
  {
    question: 'PSL_DATA_COLLECTION_COMPLIES_FAMILY_POLICY',
    response: '',
    requirement: 'OPTIONAL',
    label:
      "Only answer this question if you've indicated that your app's target age group includes children, or you've opted into the Designed for Families program. If either of the above is true, you are required to follow the Google Play Families Policy (https://support.google.com/googleplay/android-developer/answer/9893335). Do you want to let users know about this commitment in the Data safety section on your store listing?",
  },
  {
    question: 'PSL_INDEPENDENTLY_VALIDATED',
    response: '',
    requirement: 'OPTIONAL',
    label: 'Has your app successfully completed an independent security review, according to the Mobile Application Security Assessment (MASA) framework? Only answer "yes" if the review is in good standing.',
  },
  { question: 'PSL_UPI_BADGE_OPT_IN', response: '', requirement: 'OPTIONAL', label: 'Do you want to show this badge on your store listing?' },
  { question: 'PSL_HAS_OUTSIDE_APP_ACCOUNTS', response: '', requirement: 'OPTIONAL', label: 'Can users login to your app with accounts created outside of the app?' },
  { question: 'PSL_OUTSIDE_APP_ACCOUNT_TYPES', response: 'PSL_LOGIN_WITH_OUTSIDE_APP_ID', requirement: 'MULTIPLE_CHOICE', label: 'How are these accounts created? / Out of app identification (e.g. SIM binding, service subscription)' },
  { question: 'PSL_OUTSIDE_APP_ACCOUNT_TYPES', response: 'PSL_LOGIN_THROUGH_EMPLOYMENT_OR_ENTERPRISE_ACCOUNT', requirement: 'MULTIPLE_CHOICE', label: 'How are these accounts created? / Through employment, or enterprise accounts' },
  { question: 'PSL_OUTSIDE_APP_ACCOUNT_TYPES', response: 'PSL_OUTSIDE_APP_ACCOUNT_TYPE_OTHER', requirement: 'MULTIPLE_CHOICE', label: 'How are these accounts created? / Other' },
  { question: 'PSL_OUTSIDE_APP_ACCOUNT_TYPE_SPECIFY', response: '', requirement: 'MAYBE_REQUIRED', label: 'Describe how these accounts are created' },
];

/** The usage questions asked of one data type: collected/shared, ephemeral, required, why collected, why shared. */
function usageTemplate(response: string, name: string): Template[] {
  const q = (part: string) => `PSL_DATA_USAGE_RESPONSES:${response}:${part}`;
  const label = (text: string) => `Data usage and handling (${name}) / ${text}`;
  const control = "Is this data required for your app, or can users choose whether it's collected?";
  return [
    { question: q('PSL_DATA_USAGE_COLLECTION_AND_SHARING'), response: 'PSL_DATA_USAGE_ONLY_COLLECTED', requirement: 'MULTIPLE_CHOICE', label: label('Is this data collected, shared, or both? / Collected') },
    { question: q('PSL_DATA_USAGE_COLLECTION_AND_SHARING'), response: 'PSL_DATA_USAGE_ONLY_SHARED', requirement: 'MULTIPLE_CHOICE', label: label('Is this data collected, shared, or both? / Shared') },
    { question: q('PSL_DATA_USAGE_EPHEMERAL'), response: '', requirement: 'MAYBE_REQUIRED', label: label('Is this data processed ephemerally?') },
    { question: q('DATA_USAGE_USER_CONTROL'), response: 'PSL_DATA_USAGE_USER_CONTROL_OPTIONAL', requirement: 'SINGLE_CHOICE', label: label(`${control} / Users can choose whether this data is collected`) },
    { question: q('DATA_USAGE_USER_CONTROL'), response: 'PSL_DATA_USAGE_USER_CONTROL_REQUIRED', requirement: 'SINGLE_CHOICE', label: label(`${control} / Data collection is required (users can't turn off this data collection)`) },
    ...PLAY_PURPOSES.map(([id, text]) => ({ question: q('DATA_USAGE_COLLECTION_PURPOSE'), response: id, requirement: 'MULTIPLE_CHOICE', label: label(`Why is this user data collected? Select all that apply. / ${text}`) })),
    ...PLAY_PURPOSES.map(([id, text]) => ({ question: q('DATA_USAGE_SHARING_PURPOSE'), response: id, requirement: 'MULTIPLE_CHOICE', label: label(`Why is this user data shared? Select all that apply. / ${text}`) })),
  ];
}

/** Every row of the form, unanswered: what an export of a blank form holds. */
export function dataSafetyTemplate(): Template[] {
  return [
    ...OVERVIEW,
    ...PLAY_DATA_TYPES.map(([question, response, group, name]) => ({ question, response, requirement: 'MULTIPLE_CHOICE', label: `${group} / ${name}` })),
    ...PLAY_DATA_TYPES.flatMap(([, response, , name]) => usageTemplate(response, name)),
  ];
}

const yes = (on: boolean) => (on ? 'true' : '');

/** The form answered from the labels: every template row, with its value. */
export function dataSafetyRows(labels: StoreLabels): DataSafetyRow[] {
  const types = new Map(playTypes(labels).map((t) => [`PSL_${t.type}`, t]));
  const collects = types.size > 0;
  const methods = new Set<string>(labels.accountCreation.map((m) => PLAY_ACCOUNT_METHODS[m as keyof typeof PLAY_ACCOUNT_METHODS]));
  const answer = (row: Template): string => {
    switch (row.question) {
      case 'PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA':
        return String(collects);
      case 'PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT':
        return collects ? String(labels.encryptedInTransit) : '';
      case 'PSL_SUPPORTED_ACCOUNT_CREATION_METHODS':
        return yes(methods.has(row.response));
      case 'PSL_ACCOUNT_DELETION_URL':
        return labels.deletionUrl ?? '';
      case 'PSL_SUPPORT_DATA_DELETION_BY_USER':
        return yes(row.response === (labels.deletionByUser ? 'DATA_DELETION_YES' : 'DATA_DELETION_NO'));
    }
    if (row.question.startsWith('PSL_DATA_TYPES_')) return yes(types.has(row.response));
    const usage = /^PSL_DATA_USAGE_RESPONSES:([A-Z_]+):([A-Z_]+)$/.exec(row.question);
    const type = usage ? types.get(usage[1]!) : undefined;
    if (!usage || !type) return '';
    switch (usage[2]) {
      case 'PSL_DATA_USAGE_COLLECTION_AND_SHARING':
        return yes(row.response === 'PSL_DATA_USAGE_ONLY_COLLECTED' || type.shared);
      case 'PSL_DATA_USAGE_EPHEMERAL':
        return String(type.ephemeral);
      case 'DATA_USAGE_USER_CONTROL':
        return yes(row.response === (type.required ? 'PSL_DATA_USAGE_USER_CONTROL_REQUIRED' : 'PSL_DATA_USAGE_USER_CONTROL_OPTIONAL'));
      case 'DATA_USAGE_COLLECTION_PURPOSE':
        return yes(type.collectionPurposes.includes(row.response as never));
      case 'DATA_USAGE_SHARING_PURPOSE':
        return yes(type.shared && type.sharingPurposes.includes(row.response as never));
    }
    return '';
  };
  return dataSafetyTemplate().map((row) => ({ ...row, value: answer(row) }));
}

/** A CSV field, quoted as the Console quotes it: only when it holds a comma, a quote or a line break. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as the Console's CSV: header first, LF line ends, a line end after the last row. */
export function formatDataSafetyCsv(rows: readonly DataSafetyRow[]): string {
  const lines = [DATA_SAFETY_COLUMNS.map(field).join(',')];
  for (const r of rows) lines.push([r.question, r.response, r.value, r.requirement, r.label].map(field).join(','));
  return `${lines.join('\n')}\n`;
}

/** data-safety.csv: the Data safety form answered from the facts, ready for "Import from CSV". */
export function dataSafetyCsv(labels: StoreLabels): string {
  return formatDataSafetyCsv(dataSafetyRows(labels));
}
