#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

// number of right/down paths from the top-left to the bottom-right avoiding '#' cells
long count_paths(const vector<string>& grid) {
    if (grid.empty() || grid[0].empty()) throw invalid_argument("empty grid");
    size_t rows = grid.size(), cols = grid[0].size();
    vector<long> ways(cols, 0);
    for (size_t r = 0; r < rows; r++) {
        if (grid[r].size() != cols) throw invalid_argument("ragged grid");
        for (size_t c = 0; c < cols; c++) {
            if (grid[r][c] == '#') ways[c] = 0;
            else if (r == 0 && c == 0) ways[c] = 1;
            else if (c > 0) ways[c] += ways[c - 1];
        }
    }
    return ways[cols - 1];
}

int open_cells(const vector<string>& grid) {
    int n = 0;
    for (const string& row : grid)
        for (char c : row) if (c != '#') n++;
    return n;
}
// ---- tests ----
#include <cassert>
int main() {
    assert(count_paths({"...", "...", "..."}) == 6);
    assert(count_paths({".#.", "...", "..."}) == 3);
    assert(count_paths({".", "#"}) == 0 && count_paths({"."}) == 1 && count_paths({"#"}) == 0);
    assert(count_paths({"..", "#."}) == 1);
    assert(open_cells({".#.", "##."}) == 3);
    int errors = 0;
    try { count_paths({}); } catch (const invalid_argument&) { errors++; }
    try { count_paths({"..", "."}); } catch (const invalid_argument&) { errors++; }
    assert(errors == 2);
    return 0;
}
