#include <string>
#include <vector>
using namespace std;

vector<string> split_csv_line(const string& line) {
    vector<string> fields;
    string cur;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); i++) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { cur += '"'; i++; }
            else if (c == '"') quoted = false;
            else cur += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    fields.push_back(cur);
    return fields;
}
// ---- tests ----
#include <cassert>
int main() {
    auto f = split_csv_line("a,b,,c");
    assert(f.size() == 4 && f[0] == "a" && f[2] == "" && f[3] == "c");
    f = split_csv_line("\"x,y\",z");
    assert(f.size() == 2 && f[0] == "x,y" && f[1] == "z");
    f = split_csv_line("\"say \"\"hi\"\"\"");
    assert(f.size() == 1 && f[0] == "say \"hi\"");
    assert(split_csv_line("").size() == 1);
    return 0;
}
