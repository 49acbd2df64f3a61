// Omnigrok (Liu, Michaud & Tegmark 2023): every `groklab reproduce omnigrok-*` and the presets of
// its setups.
import type { Paper } from '../reproduction.js';
import { omnigrokFig2TeacherStudent } from './fig2-teacher-student.js';
import { omnigrokFig3Mnist } from './fig3-mnist.js';
import { omnigrokFig5Qm9 } from './fig5-qm9.js';
import { omnigrokFig7MnistRepresentation } from './fig7-mnist-representation.js';
import { omnigrokImdb } from './imdb.js';
import { omnigrokImdbLandscape } from './imdb-landscape.js';
import { omnigrokMnistLandscape } from './mnist-landscape.js';
import { omnigrokMnistPhase } from './mnist-phase.js';
import { omnigrokModaddConstrained } from './modadd-constrained.js';
import { omnigrokModaddLandscape } from './modadd-landscape.js';
import { OMNIGROK_PRESETS } from './presets.js';
import { omnigrokRepresentationToy } from './representation-toy.js';

export const omnigrok: Paper = {
  presets: OMNIGROK_PRESETS,
  reproductions: [
    omnigrokFig2TeacherStudent,
    omnigrokFig3Mnist,
    omnigrokFig5Qm9,
    omnigrokFig7MnistRepresentation,
    omnigrokImdb,
    omnigrokImdbLandscape,
    omnigrokMnistLandscape,
    omnigrokMnistPhase,
    omnigrokModaddConstrained,
    omnigrokModaddLandscape,
    omnigrokRepresentationToy,
  ],
};
