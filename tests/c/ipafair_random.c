/* Random change sequences through argsat's IPAFAIR library, every answer and witness
 * checked against a brute-force enumeration written here (it shares nothing with
 * argsat): up to 8 arguments (ids 1..8) come and go with their attacks, and after each
 * change a credulous or sceptical question under a random semantics and assumptions.
 * Usage: ipafair_random SEED STEPS. Prints each disagreement; exits 1 on any. */
#include <stdio.h>
#include <stdlib.h>
#include "ipafair.h"

#define N 8

static int alive[N];     /* argument i + 1 exists */
static int att[N][N];    /* att[a][b]: a attacks b */
static unsigned long long rng;

static unsigned next(void) {
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(rng >> 33);
}

static unsigned live_mask(void) {
    unsigned m = 0;
    for (int i = 0; i < N; i++) if (alive[i]) m |= 1u << i;
    return m;
}

/* What `s` attacks. */
static unsigned attacked_by(unsigned s) {
    unsigned r = 0;
    for (int a = 0; a < N; a++)
        if (s >> a & 1)
            for (int b = 0; b < N; b++) if (att[a][b] && alive[b]) r |= 1u << b;
    return r;
}

static int is_conflict_free(unsigned s) { return (attacked_by(s) & s) == 0; }

/* The live arguments `s` defends: each of their attackers is attacked by `s`. */
static unsigned defended(unsigned s) {
    unsigned out = attacked_by(s), d = 0;
    for (int a = 0; a < N; a++) {
        if (!alive[a]) continue;
        int ok = 1;
        for (int b = 0; b < N; b++) if (alive[b] && att[b][a] && !(out >> b & 1)) ok = 0;
        if (ok) d |= 1u << a;
    }
    return d;
}

static int is_admissible(unsigned s) { return is_conflict_free(s) && (s & ~defended(s)) == 0; }
static int is_complete(unsigned s) { return is_admissible(s) && defended(s) == s; }
static int is_stable(unsigned s) { return is_conflict_free(s) && (s | attacked_by(s)) == live_mask(); }

static int is_subset(unsigned a, unsigned b) { return (a & ~b) == 0; }

/* The extensions of `sem` (IPAFAIR codes 0..6), as masks; returns how many. */
static int extensions(int sem, unsigned *out) {
    unsigned live = live_mask();
    unsigned cand[1 << N];
    int n = 0, k = 0;
    for (unsigned s = 0; s < (1u << N); s++) {
        if (!is_subset(s, live)) continue;
        int ok = sem == 0 ? is_admissible(s) : sem == 3 ? is_stable(s) : sem == 5 ? is_conflict_free(s) : is_complete(s);
        if (ok) cand[n++] = s;
    }
    if (sem == 0 || sem == 1 || sem == 3) {
        for (int i = 0; i < n; i++) out[k++] = cand[i];
        return k;
    }
    if (sem == 6) {
        /* Ideal: the largest admissible set inside every preferred extension. */
        unsigned pr[1 << N];
        int m = extensions(2, pr);
        unsigned inter = live;
        for (int i = 0; i < m; i++) inter &= pr[i];
        unsigned best = 0;
        for (unsigned s = 0; s < (1u << N); s++)
            if (is_subset(s, inter) && is_admissible(s) && __builtin_popcount(s) > __builtin_popcount(best)) best = s;
        out[0] = best;
        return 1;
    }
    /* Preferred: subset-maximal complete sets; semi-stable (complete) and stage
     * (conflict-free): range-maximal. */
    for (int i = 0; i < n; i++) {
        unsigned key = sem == 2 ? cand[i] : (cand[i] | attacked_by(cand[i]));
        int maximal = 1;
        for (int j = 0; j < n && maximal; j++) {
            unsigned other = sem == 2 ? cand[j] : (cand[j] | attacked_by(cand[j]));
            if (other != key && is_subset(key, other)) maximal = 0;
        }
        if (maximal) out[k++] = cand[i];
    }
    return k;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s SEED STEPS\n", argv[0]); return 2; }
    rng = strtoull(argv[1], NULL, 10) * 2654435761ULL + 1;
    int steps = atoi(argv[2]), failures = 0, asked = 0;
    void *s = ipafair_init();
    for (int step = 0; step < steps; step++) {
        /* A change the interface allows. */
        int a = next() % N, b = next() % N, what = next() % 10;
        if (what < 3 && !alive[a]) {
            ipafair_add_argument(s, a + 1);
            alive[a] = 1;
        } else if (what == 3 && alive[a]) {
            ipafair_del_argument(s, a + 1);
            alive[a] = 0;
            for (int i = 0; i < N; i++) att[a][i] = att[i][a] = 0;
        } else if (what < 8 && alive[a] && alive[b] && !att[a][b]) {
            ipafair_add_attack(s, a + 1, b + 1);
            att[a][b] = 1;
        } else if (alive[a] && alive[b] && att[a][b]) {
            ipafair_del_attack(s, a + 1, b + 1);
            att[a][b] = 0;
        }
        /* A question: semantics, up to two assumed arguments. */
        int sem = next() % 7, cred = next() % 2;
        unsigned assumed = 0;
        for (int t = next() % 3; t > 0; t--) {
            int x = next() % N;
            if (alive[x]) assumed |= 1u << x;
        }
        ipafair_set_semantics(s, (semantics)sem);
        for (int x = 0; x < N; x++) if (assumed >> x & 1) ipafair_assume(s, x + 1);
        int got = cred ? ipafair_solve_cred(s) : ipafair_solve_skept(s);
        unsigned ext[1 << N];
        int n = extensions(sem, ext), yes = !cred;
        for (int i = 0; i < n; i++) {
            int has = is_subset(assumed, ext[i]);
            if (cred && has) yes = 1;
            if (!cred && !has) yes = 0;
        }
        asked++;
        if (got != (yes ? 10 : 20)) {
            printf("step %d: %s under semantics %d of %#x: argsat %d, brute force %s\n", step,
                   cred ? "credulous" : "sceptical", sem, assumed, got, yes ? "yes" : "no");
            failures++;
            continue;
        }
        if (cred == (got == 10)) {
            /* A witness: an extension containing (credulous) or lacking (sceptical) the
             * assumptions. */
            unsigned w = 0;
            for (int x = 0; x < N; x++)
                if (alive[x] && ipafair_val(s, x + 1) == x + 1) w |= 1u << x;
            int found = 0;
            for (int i = 0; i < n; i++) if (ext[i] == w) found = 1;
            if (!found || is_subset(assumed, w) != cred) {
                printf("step %d: witness %#x under semantics %d of %#x is wrong\n", step, w, sem, assumed);
                failures++;
            }
        }
    }
    ipafair_release(s);
    printf("%d questions, %d wrong\n", asked, failures);
    return failures ? 1 : 0;
}
