/* argsat's IPAFAIR interface: an incremental solver for abstract argumentation
 * frameworks, as ICCMA 2023's dynamic track drives solvers (link with -largsat).
 *
 * A solver is in one of four states: INPUT (after a change), SAT or UNSAT (after a
 * solve), ERROR (after a call the interface does not allow: an argument added twice,
 * an unknown argument or attack, a semantics code out of range, a non-positive
 * argument, ipafair_val without an extension to show). In ERROR, solves return -1 and
 * ipafair_val returns 0. Arguments are positive integers up to INT32_MAX.
 */
#ifndef ARGSAT_IPAFAIR_H
#define ARGSAT_IPAFAIR_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The codes of ipafair_set_semantics. */
typedef enum {
    admissible = 0,
    complete = 1,
    preferred = 2,
    stable = 3,
    semistable = 4,
    stage = 5,
    ideal = 6
} semantics;

/* The solver's name and version, e.g. "argsat 0.1.0" (a static string). */
const char *ipafair_signature(void);

/* A new solver with an empty framework (semantics: complete), in INPUT. */
void *ipafair_init(void);

/* Releases the solver; the pointer is not to be used again. */
void ipafair_release(void *solver);

/* Sets the semantics of the next solves. */
void ipafair_set_semantics(void *solver, semantics sem);

/* Adds an argument; adding an existing one is an error. */
void ipafair_add_argument(void *solver, int32_t arg);

/* Deletes an argument and every attack it is part of; an unknown one is an error. */
void ipafair_del_argument(void *solver, int32_t arg);

/* Adds the attack (s, t); an existing attack or an unknown argument is an error. */
void ipafair_add_attack(void *solver, int32_t s, int32_t t);

/* Deletes the attack (s, t); an unknown attack is an error. */
void ipafair_del_attack(void *solver, int32_t s, int32_t t);

/* Assumes the argument in, for the next solve only; an unknown argument is an error. */
void ipafair_assume(void *solver, int32_t arg);

/* Is there an extension containing every assumed argument? 10 yes (state SAT), 20 no
 * (UNSAT), -1 in ERROR. Clears the assumptions. */
int ipafair_solve_cred(void *solver);

/* Is every assumed argument in every extension? 10 yes (SAT), 20 no (UNSAT), -1 in
 * ERROR. Clears the assumptions. */
int ipafair_solve_skept(void *solver);

/* After ipafair_solve_cred returned 10 (a witness) or ipafair_solve_skept returned 20 (a
 * counterexample): arg when the extension shown contains it, -arg when not. argsat makes
 * extensions only once asked for: the first ipafair_val of a solver answers the last
 * question again with its extension, and from then on every answer comes with one (a
 * caller that never calls ipafair_val never pays for them). */
int32_t ipafair_val(void *solver, int32_t arg);

#ifdef __cplusplus
}
#endif

#endif
