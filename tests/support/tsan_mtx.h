/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * For the threaded tests, included by exactly one source file of each test
 * executable: TS_TSAN is defined in a ThreadSanitizer build, and then the
 * library's mtx_* calls are routed to the pthread functions TSan intercepts.
 */
#ifndef GICITS_TESTS_SUPPORT_TSAN_MTX_H
#define GICITS_TESTS_SUPPORT_TSAN_MTX_H

#include <errno.h>
#include <pthread.h>
#include <threads.h>

#if defined(__SANITIZE_THREAD__)
#define TS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TS_TSAN 1
#endif
#endif

#ifdef TS_TSAN
/*
 * ThreadSanitizer (GCC 12, LLVM 14) does not intercept the C11 <threads.h>
 * functions of glibc 2.36: mtx_lock() calls glibc's internal pthread mutex
 * code directly, so TSan sees no synchronisation and reports every access a
 * mutex protects as a race (and thrd_create() crashes under TSan).  This test
 * creates its threads with pthreads, and in the TSan build routes the
 * library's mtx_* calls to the pthread functions TSan does intercept (glibc
 * 2.34+ implements mtx_t as a pthread mutex, so the layout is the same).
 * The executable's definitions take precedence over libc's at link time.
 */
_Static_assert(sizeof(mtx_t) >= sizeof(pthread_mutex_t), "mtx_t too small");

int mtx_init(mtx_t *m, int type)
{
	pthread_mutexattr_t a;
	int r;

	pthread_mutexattr_init(&a);
	if (type & mtx_recursive)
		pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	r = pthread_mutex_init((pthread_mutex_t *)(void *)m, &a);
	pthread_mutexattr_destroy(&a);
	return r ? thrd_error : thrd_success;
}

int mtx_lock(mtx_t *m)
{
	return pthread_mutex_lock((pthread_mutex_t *)(void *)m) ? thrd_error :
								  thrd_success;
}

int mtx_trylock(mtx_t *m)
{
	int r = pthread_mutex_trylock((pthread_mutex_t *)(void *)m);

	return r == 0 ? thrd_success : r == EBUSY ? thrd_busy : thrd_error;
}

int mtx_unlock(mtx_t *m)
{
	return pthread_mutex_unlock((pthread_mutex_t *)(void *)m) ?
		       thrd_error :
		       thrd_success;
}

void mtx_destroy(mtx_t *m)
{
	pthread_mutex_destroy((pthread_mutex_t *)(void *)m);
}
#endif

#endif
