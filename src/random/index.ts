export { key, split, foldIn, type Key } from './key.js';
export { bits, uniform, normal, randint, permutation, bernoulli, type FloatDType, type FloatArray } from './sample.js';
export { initializers, initialize, type InitSpec, type InitName, type InitTarget } from './init.js';
