#include <algorithm>
#include <stdexcept>
#include <vector>
using namespace std;

// scales scores so the best becomes 100 (rounded down), never lowering a score
vector<int> curve(const vector<int>& scores) {
    if (scores.empty()) return {};
    int best = *max_element(scores.begin(), scores.end());
    if (best <= 0) throw invalid_argument("no positive score to curve from");
    vector<int> out;
    for (int s : scores) {
        if (s < 0 || s > 100) throw out_of_range("score out of range");
        out.push_back(max(s, s * 100 / best));
    }
    return out;
}

int passing(const vector<int>& scores, int threshold) {
    int n = 0;
    for (int s : curve(scores)) if (s >= threshold) n++;
    return n;
}
// ---- tests ----
#include <cassert>
int main() {
    assert((curve({40, 80, 60}) == vector<int>{50, 100, 75}));
    assert((curve({100, 3}) == vector<int>{100, 3}) && curve({}).empty());
    assert((curve({33, 66}) == vector<int>{50, 100}));
    assert(passing({40, 80, 60}, 75) == 2 && passing({40, 80, 60}, 101) == 0);
    int errors = 0;
    try { curve({0, 0}); } catch (const invalid_argument&) { errors++; }
    try { curve({50, 101}); } catch (const out_of_range&) { errors++; }
    assert(errors == 2);
    return 0;
}
