#include <cmath>
#include <stdexcept>
using namespace std;

// balance after compounding `periods` times at `rate_percent` per period
double grow(double principal, double rate_percent, int periods) {
    if (principal < 0 || periods < 0) throw invalid_argument("negative input");
    double b = principal;
    for (int i = 0; i < periods; i++) b *= 1.0 + rate_percent / 100.0;
    return b;
}

// periods until the balance reaches `target`; -1 when it never does
int periods_to_reach(double principal, double rate_percent, double target) {
    if (principal >= target) return 0;
    if (principal <= 0 || rate_percent <= 0) return -1;
    int n = 0;
    double b = principal;
    while (b < target) { b *= 1.0 + rate_percent / 100.0; n++; }
    return n;
}

double round_cents(double amount) { return round(amount * 100.0) / 100.0; }
// ---- tests ----
#include <cassert>
int main() {
    assert(round_cents(grow(1000, 5, 2)) == 1102.5 && grow(1000, 5, 0) == 1000);
    assert(round_cents(grow(100, -10, 1)) == 90.0);
    assert(periods_to_reach(100, 10, 200) == 8 && periods_to_reach(300, 10, 200) == 0);
    assert(periods_to_reach(0, 10, 1) == -1 && periods_to_reach(100, 0, 200) == -1);
    assert(round_cents(2.345) == 2.35 && round_cents(-1.004) == -1.0);
    bool thrown = false;
    try { grow(-1, 5, 1); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    return 0;
}
