// Loading fails on purpose: msgpackr catches it and uses its JavaScript string extractor.
throw new Error('msgpackr-extract is replaced by a stand-in in groklab (see package.json)');
