#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>
using namespace std;

// merges overlapping or touching [start, end] intervals
vector<pair<int, int>> merge_intervals(vector<pair<int, int>> xs) {
    for (const auto& x : xs)
        if (x.first > x.second) throw invalid_argument("interval ends before it starts");
    sort(xs.begin(), xs.end());
    vector<pair<int, int>> out;
    for (const auto& x : xs) {
        if (!out.empty() && x.first <= out.back().second + 1) out.back().second = max(out.back().second, x.second);
        else out.push_back(x);
    }
    return out;
}

int covered(const vector<pair<int, int>>& xs) {
    int total = 0;
    for (const auto& x : merge_intervals(xs)) total += x.second - x.first + 1;
    return total;
}
// ---- tests ----
#include <cassert>
int main() {
    auto m = merge_intervals({{5, 8}, {1, 3}, {2, 4}, {11, 12}, {10, 10}});
    assert((m == vector<pair<int, int>>{{1, 8}, {10, 12}}));
    assert(merge_intervals({}).empty());
    assert((merge_intervals({{1, 10}, {2, 3}}) == vector<pair<int, int>>{{1, 10}}));
    assert((merge_intervals({{1, 2}, {4, 5}}) == vector<pair<int, int>>{{1, 2}, {4, 5}}));
    assert(covered({{1, 3}, {2, 6}, {10, 10}}) == 7 && covered({}) == 0);
    bool thrown = false;
    try { merge_intervals({{3, 1}}); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    return 0;
}
