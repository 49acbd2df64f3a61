// A second thread for large GEMMs (off unless enabled: on a machine whose other core is busy
// it only adds contention).
#pragma once

namespace groklab {

/** 1 (the default) or 2: whether large GEMMs may use the helper thread. */
void setThreads(int threads);
int threads();

/**
 * Runs job(context, 0) on this thread and job(context, 1) on the helper thread at the same
 * time and returns when both are done. Returns false, having run nothing, when the helper is
 * disabled or already serving another caller (a Node worker thread).
 */
bool runOnBoth(void (*job)(void* context, int part), void* context);

}  // namespace groklab
