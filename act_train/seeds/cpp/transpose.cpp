#include <stdexcept>
#include <vector>
using namespace std;

vector<vector<int>> transpose(const vector<vector<int>>& m) {
    vector<vector<int>> out;
    if (m.empty()) return out;
    size_t cols = m[0].size();
    for (const auto& row : m)
        if (row.size() != cols) throw invalid_argument("ragged matrix");
    out.assign(cols, vector<int>(m.size()));
    for (size_t r = 0; r < m.size(); r++)
        for (size_t c = 0; c < cols; c++) out[c][r] = m[r][c];
    return out;
}

vector<int> column_max(const vector<vector<int>>& m) {
    vector<int> out;
    for (const auto& col : transpose(m)) {
        int best = col[0];
        for (int v : col) if (v > best) best = v;
        out.push_back(best);
    }
    return out;
}
// ---- tests ----
#include <cassert>
int main() {
    vector<vector<int>> m = {{1, 2, 3}, {4, 5, 6}};
    assert((transpose(m) == vector<vector<int>>{{1, 4}, {2, 5}, {3, 6}}));
    assert(transpose({}).empty());
    assert((column_max({{1, 9}, {7, 2}, {3, 4}}) == vector<int>{7, 9}));
    assert((column_max({{-5}}) == vector<int>{-5}));
    bool thrown = false;
    try { transpose({{1}, {1, 2}}); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    return 0;
}
