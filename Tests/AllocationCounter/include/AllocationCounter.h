// Counts heap allocations made by the calling thread, for tests that require none: the test
// executable's malloc family forwards to glibc's and counts while counting is on.
#ifndef DESCENT_ALLOCATION_COUNTER_H
#define DESCENT_ALLOCATION_COUNTER_H

/// Starts counting this thread's allocations from zero.
void descent_allocations_start(void);

/// Stops counting; returns how many allocations this thread made since the start.
long descent_allocations_stop(void);

#endif
