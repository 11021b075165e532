#include <stdexcept>
#include <vector>
using namespace std;

vector<int> row_sums(const vector<vector<int>>& m) {
    vector<int> out;
    for (const auto& row : m) {
        int s = 0;
        for (int x : row) s += x;
        out.push_back(s);
    }
    return out;
}

int trace(const vector<vector<int>>& m) {
    int t = 0;
    for (size_t i = 0; i < m.size(); i++) {
        if (m[i].size() != m.size()) throw invalid_argument("not square");
        t += m[i][i];
    }
    return t;
}

vector<vector<int>> transpose(const vector<vector<int>>& m) {
    if (m.empty()) return {};
    vector<vector<int>> t(m[0].size(), vector<int>(m.size()));
    for (size_t i = 0; i < m.size(); i++)
        for (size_t j = 0; j < m[i].size(); j++) t[j][i] = m[i][j];
    return t;
}
// ---- tests ----
#include <cassert>
int main() {
    vector<vector<int>> m = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    assert((row_sums(m) == vector<int>{6, 15, 24}));
    assert(trace(m) == 15);
    auto t = transpose({{1, 2, 3}, {4, 5, 6}});
    assert(t.size() == 3 && t[0] == (vector<int>{1, 4}) && t[2] == (vector<int>{3, 6}));
    bool thrown = false;
    try { trace({{1, 2}}); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    assert(transpose({}).empty());
    return 0;
}
