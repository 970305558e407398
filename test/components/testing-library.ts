// The component tests' one entry to Testing Library, with its waits (`waitFor`, `findBy…`) as long as the browser
// projects' polls: its 1 s default fails a render that was only slow on a busy machine (a ChecklistEditor import
// took longer beside four other jobs on two cores), and a wait that holds returns at once, so a passing test pays nothing.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });

export * from '@testing-library/react';
