#include <utility>
#include <vector>
using namespace std;

// (value, run length) of each run of equal neighbours
vector<pair<int, int>> runs(const vector<int>& xs) {
    vector<pair<int, int>> out;
    for (int x : xs) {
        if (!out.empty() && out.back().first == x) out.back().second++;
        else out.push_back({x, 1});
    }
    return out;
}

// the value with the longest run (the first such run on ties); 0 for an empty input
int longest_run_value(const vector<int>& xs) {
    int best_value = 0, best_len = 0;
    for (const auto& r : runs(xs))
        if (r.second > best_len) { best_len = r.second; best_value = r.first; }
    return best_value;
}
// ---- tests ----
#include <cassert>
int main() {
    assert((runs({1, 1, 2, 2, 2, 1}) == vector<pair<int, int>>{{1, 2}, {2, 3}, {1, 1}}));
    assert(runs({}).empty() && (runs({7}) == vector<pair<int, int>>{{7, 1}}));
    assert(longest_run_value({1, 1, 2, 2, 2, 1}) == 2 && longest_run_value({}) == 0);
    assert(longest_run_value({5, 5, 3, 3}) == 5 && longest_run_value({-1, 4, 4}) == 4);
    return 0;
}
