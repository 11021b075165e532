#include <algorithm>
#include <vector>
using namespace std;

// sorted values without duplicates
vector<int> unique_sorted(vector<int> xs) {
    sort(xs.begin(), xs.end());
    vector<int> out;
    for (size_t i = 0; i < xs.size(); i++)
        if (i == 0 || xs[i] != xs[i - 1]) out.push_back(xs[i]);
    return out;
}

// values that occur in both, each once, sorted
vector<int> common_values(const vector<int>& a, const vector<int>& b) {
    vector<int> ua = unique_sorted(a), ub = unique_sorted(b), out;
    size_t i = 0, j = 0;
    while (i < ua.size() && j < ub.size()) {
        if (ua[i] < ub[j]) i++;
        else if (ub[j] < ua[i]) j++;
        else { out.push_back(ua[i]); i++; j++; }
    }
    return out;
}
// ---- tests ----
#include <cassert>
int main() {
    assert((unique_sorted({3, 1, 3, 2, 1}) == vector<int>{1, 2, 3}));
    assert(unique_sorted({}).empty() && (unique_sorted({-1, -1}) == vector<int>{-1}));
    assert((common_values({5, 1, 3, 3}, {3, 4, 5, 5}) == vector<int>{3, 5}));
    assert(common_values({1, 2}, {3, 4}).empty() && common_values({}, {1}).empty());
    assert((common_values({0, 9, 2}, {2, 0, 9}) == vector<int>{0, 2, 9}));
    return 0;
}
