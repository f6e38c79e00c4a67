/* Drives argsat's IPAFAIR library as a C program would: builds a framework, changes
 * it, asks questions under every semantics, reads witnesses, and checks the error
 * state. Prints one line per failed check; exits 1 if any failed. */
#include <stdio.h>
#include <string.h>
#include "ipafair.h"

static int failures = 0;

#define CHECK(cond) do { if (!(cond)) { printf("FAILED line %d: %s\n", __LINE__, #cond); failures++; } } while (0)

int main(void) {
    CHECK(strncmp(ipafair_signature(), "argsat ", 7) == 0);

    void *s = ipafair_init();
    CHECK(s != NULL);
    /* 1 <-> 2, 2 -> 3, 3 -> 4: stable extensions {1, 3} and {2, 4}. */
    for (int a = 1; a <= 4; a++) ipafair_add_argument(s, a);
    ipafair_add_attack(s, 1, 2);
    ipafair_add_attack(s, 2, 1);
    ipafair_add_attack(s, 2, 3);
    ipafair_add_attack(s, 3, 4);

    ipafair_set_semantics(s, stable);
    ipafair_assume(s, 3);
    CHECK(ipafair_solve_cred(s) == 10);
    CHECK(ipafair_val(s, 1) == 1 && ipafair_val(s, 2) == -2 && ipafair_val(s, 3) == 3 && ipafair_val(s, 4) == -4);
    ipafair_assume(s, 3);
    CHECK(ipafair_solve_skept(s) == 20);
    CHECK(ipafair_val(s, 3) == -3 && ipafair_val(s, 2) == 2);
    /* Assumptions are cleared by a solve: nothing assumed, there is a stable extension. */
    CHECK(ipafair_solve_cred(s) == 10);

    /* Complete: 3 is not grounded, {} is the grounded extension. */
    ipafair_set_semantics(s, complete);
    ipafair_assume(s, 3);
    CHECK(ipafair_solve_skept(s) == 20);
    CHECK(ipafair_val(s, 1) == -1 && ipafair_val(s, 3) == -3);

    /* Changes: without 2 -> 1, 1 is unattacked and defends 3 against 2. */
    ipafair_del_attack(s, 2, 1);
    ipafair_assume(s, 3);
    CHECK(ipafair_solve_skept(s) == 10);
    ipafair_set_semantics(s, preferred);
    ipafair_assume(s, 1);
    ipafair_assume(s, 3);
    CHECK(ipafair_solve_skept(s) == 10);
    ipafair_del_argument(s, 1);
    ipafair_assume(s, 3);
    CHECK(ipafair_solve_cred(s) == 20);
    ipafair_add_argument(s, 1);
    ipafair_add_attack(s, 1, 2);
    for (int sem = admissible; sem <= ideal; sem++) {
        ipafair_set_semantics(s, (semantics)sem);
        ipafair_assume(s, 3);
        CHECK(ipafair_solve_cred(s) == 10);
        CHECK(ipafair_val(s, 3) == 3 && ipafair_val(s, 2) == -2);
    }

    /* Misuse: the error state, for good. */
    ipafair_add_attack(s, 1, 99);
    CHECK(ipafair_solve_cred(s) == -1);
    CHECK(ipafair_solve_skept(s) == -1);
    CHECK(ipafair_val(s, 1) == 0);
    ipafair_release(s);

    /* Many arguments, many changes, one solver. */
    s = ipafair_init();
    ipafair_set_semantics(s, stable);
    for (int a = 1; a <= 2000; a++) ipafair_add_argument(s, a);
    for (int a = 1; a < 2000; a += 2) { ipafair_add_attack(s, a, a + 1); ipafair_add_attack(s, a + 1, a); }
    int yes = 0;
    for (int a = 1; a <= 2000; a += 97) { ipafair_assume(s, a); yes += ipafair_solve_cred(s) == 10; }
    CHECK(yes == 21);
    ipafair_del_attack(s, 2, 1);
    ipafair_assume(s, 2);
    CHECK(ipafair_solve_cred(s) == 20);
    ipafair_release(s);

    if (failures == 0) printf("ok\n");
    return failures == 0 ? 0 : 1;
}
