#include <string>
#include <vector>
using namespace std;

// index of the first bracket that does not match, or -1 when all of (), [] and {} balance
int first_mismatch(const string& s) {
    vector<pair<char, int>> open;
    for (int i = 0; i < static_cast<int>(s.size()); i++) {
        char c = s[i];
        if (c == '(' || c == '[' || c == '{') {
            open.push_back({c, i});
        } else if (c == ')' || c == ']' || c == '}') {
            char want = c == ')' ? '(' : c == ']' ? '[' : '{';
            if (open.empty() || open.back().first != want) return i;
            open.pop_back();
        }
    }
    return open.empty() ? -1 : open.front().second;
}

int max_depth(const string& s) {
    int depth = 0, best = 0;
    for (char c : s) {
        if (c == '(' || c == '[' || c == '{') best = max(best, ++depth);
        else if (c == ')' || c == ']' || c == '}') depth--;
    }
    return best;
}
// ---- tests ----
#include <cassert>
int main() {
    assert(first_mismatch("f(a[1], {b})") == -1 && first_mismatch("") == -1);
    assert(first_mismatch("(]") == 1 && first_mismatch("x)") == 1 && first_mismatch("((x)") == 0);
    assert(first_mismatch("{[()]}}") == 6 && first_mismatch("a{b(") == 1);
    assert(max_depth("f(a[1], {b})") == 2 && max_depth("none") == 0 && max_depth("{{{}}}[]") == 3);
    return 0;
}
