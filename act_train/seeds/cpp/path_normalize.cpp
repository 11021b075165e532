#include <string>
#include <vector>
using namespace std;

// "/a/./b/../c//" -> "/a/c"; ".." above the root stays at the root
string normalize_path(const string& path) {
    vector<string> parts;
    string cur;
    for (size_t i = 0; i <= path.size(); i++) {
        if (i == path.size() || path[i] == '/') {
            if (cur == "..") {
                if (!parts.empty()) parts.pop_back();
            } else if (!cur.empty() && cur != ".") {
                parts.push_back(cur);
            }
            cur.clear();
        } else {
            cur += path[i];
        }
    }
    string out;
    for (const string& p : parts) out += "/" + p;
    return out.empty() ? "/" : out;
}

int depth(const string& path) {
    string n = normalize_path(path);
    int d = 0;
    for (char c : n) if (c == '/') d++;
    return n == "/" ? 0 : d;
}
// ---- tests ----
#include <cassert>
int main() {
    assert(normalize_path("/a/./b/../c//") == "/a/c");
    assert(normalize_path("/../..") == "/" && normalize_path("") == "/" && normalize_path("x/y") == "/x/y");
    assert(normalize_path("/a/b/c/../../d") == "/a/d");
    assert(depth("/") == 0 && depth("/a/b/") == 2 && depth("/a/../b/c/./d") == 3);
    return 0;
}
