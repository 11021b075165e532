#include <cmath>
#include <stdexcept>
#include <vector>
using namespace std;

// drops readings further than `limit` from the median of the window of 3 around them
vector<double> despike(const vector<double>& xs, double limit) {
    if (limit <= 0) throw invalid_argument("limit must be positive");
    vector<double> out;
    for (size_t i = 0; i < xs.size(); i++) {
        if (i == 0 || i + 1 == xs.size()) { out.push_back(xs[i]); continue; }
        double a = xs[i - 1], b = xs[i], c = xs[i + 1];
        double mid = fmax(fmin(a, b), fmin(fmax(a, b), c));
        if (fabs(xs[i] - mid) <= limit) out.push_back(xs[i]);
    }
    return out;
}

double max_step(const vector<double>& xs) {
    double best = 0.0;
    for (size_t i = 1; i < xs.size(); i++) best = fmax(best, fabs(xs[i] - xs[i - 1]));
    return best;
}
// ---- tests ----
#include <cassert>
int main() {
    vector<double> r = despike({1.0, 1.2, 9.0, 1.1, 1.3}, 2.0);
    assert((r == vector<double>{1.0, 1.2, 1.1, 1.3}));
    assert((despike({5.0, 50.0}, 1.0) == vector<double>{5.0, 50.0}) && despike({}, 1.0).empty());
    assert((despike({0.0, 2.0, 0.0}, 2.0) == vector<double>{0.0, 2.0, 0.0}));
    assert(max_step({1.0, 4.0, 2.5}) == 3.0 && max_step({7.0}) == 0.0);
    bool thrown = false;
    try { despike({1.0}, 0.0); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    return 0;
}
