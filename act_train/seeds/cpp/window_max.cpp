#include <deque>
#include <stdexcept>
#include <vector>
using namespace std;

// maximum of every window of k consecutive values, in O(n)
vector<int> window_max(const vector<int>& xs, size_t k) {
    if (k == 0) throw invalid_argument("window must not be empty");
    vector<int> out;
    deque<size_t> idx;
    for (size_t i = 0; i < xs.size(); i++) {
        while (!idx.empty() && xs[idx.back()] <= xs[i]) idx.pop_back();
        idx.push_back(i);
        if (idx.front() + k <= i) idx.pop_front();
        if (i + 1 >= k) out.push_back(xs[idx.front()]);
    }
    return out;
}
// ---- tests ----
#include <cassert>
int main() {
    vector<int> r = window_max({1, 3, -1, -3, 5, 3, 6, 7}, 3);
    assert((r == vector<int>{3, 3, 5, 5, 6, 7}));
    assert((window_max({4, 2}, 1) == vector<int>{4, 2}));
    assert((window_max({4, 2, 12}, 3) == vector<int>{12}));
    assert(window_max({1, 2}, 3).empty());
    assert((window_max({5, 4, 3, 2}, 2) == vector<int>{5, 4, 3}));
    bool thrown = false;
    try { window_max({1}, 0); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    return 0;
}
