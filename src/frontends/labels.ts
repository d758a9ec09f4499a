/** Chinese labels the people's pages share (the hall page's script bundles this module too). */

import { DEPARTMENT_LABELS } from '../departments/registry.ts';

/** Departments as a window clerk and a report reader name them (the registry's labels). */
export const DEPARTMENT_LABEL: Readonly<Record<string, string>> = DEPARTMENT_LABELS;
