// One text in both languages side by side, so a translation is written
// next to its original and a missing one is seen at once.
import type { LocalizedText } from '@chartguard/sdk';
import type { EditorText } from '../../i18n/editor';

export interface LocalizedTextInputProps {
  /** What the text is, e.g. "Question 2 label"; each box is named "<label> · English" / "· Simplified Chinese". */
  label: string;
  value: LocalizedText | undefined;
  onChange(next: LocalizedText): void;
  t: EditorText;
  multiline?: boolean;
}

export function LocalizedTextInput({ label, value, onChange, t, multiline = false }: LocalizedTextInputProps) {
  const text = value ?? { en: '', 'zh-CN': '' };
  const box = (locale: 'en' | 'zh-CN', language: string) => {
    const name = `${label} · ${language}`;
    const props = {
      'aria-label': name,
      value: text[locale],
      lang: locale,
      onChange: (event: { target: { value: string } }) => onChange({ ...text, [locale]: event.target.value }),
    };
    return (
      <label className="cg-ed-lang">
        <span className="cg-ed-lang-name">{language}</span>
        {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
      </label>
    );
  };
  return (
    <fieldset className="cg-ed-localized">
      <legend>{label}</legend>
      {box('en', t('english'))}
      {box('zh-CN', t('chinese'))}
    </fieldset>
  );
}
