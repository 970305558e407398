// The page the Smart Forms test drives: CSIRO's renderer (npm
// `@aehrc/smart-forms-renderer`) on its own, with three hooks for the test:
// render a Questionnaire, read the response it builds, and read the items it
// holds invalid (its own required checks and its targetConstraints).
import { SmartFormsRenderer, getResponse, questionnaireResponseStore, questionnaireStore } from '@aehrc/smart-forms-renderer';
import { createRoot } from 'react-dom/client';

const root = createRoot(document.getElementById('form')!);

Object.assign(window, {
  renderQuestionnaire(questionnaire: unknown) {
    root.render(<SmartFormsRenderer questionnaire={questionnaire as never} />);
  },
  readResponse: () => getResponse(),
  readInvalid: () => questionnaireResponseStore.getState().invalidItems,
  readConstraints: () =>
    Object.values(questionnaireStore.getState().targetConstraints).map(({ key, isInvalid, severityCode }) => ({
      key,
      isInvalid: isInvalid === true,
      severity: severityCode,
    })),
});
