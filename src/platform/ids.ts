import { v7 as uuidv7 } from 'uuid';

/** Primary keys are UUID v7: time-ordered, so B-tree inserts stay local. */
export const newId = (): string => uuidv7();
