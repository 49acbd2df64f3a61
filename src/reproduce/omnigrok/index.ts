// Omnigrok (Liu, Michaud & Tegmark 2023): every `groklab reproduce omnigrok-*`.
import type { Reproduction } from '../reproduction.js';
import { omnigrokFig2TeacherStudent } from './fig2-teacher-student.js';

export const OMNIGROK_REPRODUCTIONS: readonly Reproduction[] = [omnigrokFig2TeacherStudent];
