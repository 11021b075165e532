#include <map>
#include <stdexcept>
#include <string>
using namespace std;

class MissingValue : public runtime_error {
public:
    explicit MissingValue(const string& name) : runtime_error("no value for " + name) {}
};

static string trim(const string& s) {
    size_t b = s.find_first_not_of(" \t\n");
    if (b == string::npos) return "";
    size_t e = s.find_last_not_of(" \t\n");
    return s.substr(b, e - b + 1);
}

// Renders {{name}} placeholders; a strict renderer refuses missing values.
class TemplateRenderer {
    map<string, string> values;
    bool strict;
    int renders = 0;

public:
    explicit TemplateRenderer(bool strict) : strict(strict) {}

    void set(const string& name, const string& value) {
        if (name.empty()) throw invalid_argument("empty name");
        values[trim(name)] = value;
    }

    bool has(const string& name) const { return values.count(trim(name)) > 0; }

    string render(const string& tpl) {
        string out;
        size_t i = 0;
        while (i < tpl.size()) {
            size_t open = tpl.find("{{", i);
            if (open == string::npos) { out += tpl.substr(i); break; }
            size_t close = tpl.find("}}", open + 2);
            if (close == string::npos) { out += tpl.substr(i); break; }
            out += tpl.substr(i, open - i);
            string name = trim(tpl.substr(open + 2, close - open - 2));
            auto it = values.find(name);
            if (it != values.end()) out += it->second;
            else if (strict) throw MissingValue(name);
            i = close + 2;
        }
        renders++;
        return out;
    }

    int placeholders(const string& tpl) const {
        int count = 0;
        size_t at = tpl.find("{{");
        while (at != string::npos) {
            size_t close = tpl.find("}}", at + 2);
            if (close == string::npos) break;
            count++;
            at = tpl.find("{{", close + 2);
        }
        return count;
    }

    int render_count() const { return renders; }
};
