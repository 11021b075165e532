#include <cctype>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

class ConfigError : public runtime_error {
public:
    explicit ConfigError(const string& message) : runtime_error(message) {}
};

static string strip(const string& s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

static string lowered(string s) {
    for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return s;
}

// INI-style settings: "[section]" headers, "key = value" lines, '#' comments; keys read as section.key.
class ConfigParser {
    map<string, string> settings;
    int line_count = 0;

public:
    void load(const string& text) {
        string section, raw;
        istringstream in(text);
        while (getline(in, raw)) {
            line_count++;
            string line = strip(raw);
            if (line.empty() || line[0] == '#') continue;
            if (line[0] == '[') {
                if (line.back() != ']' || line.size() < 3)
                    throw ConfigError("line " + to_string(line_count) + ": bad section");
                section = lowered(strip(line.substr(1, line.size() - 2)));
                continue;
            }
            size_t eq = line.find('=');
            if (eq == string::npos || eq == 0)
                throw ConfigError("line " + to_string(line_count) + ": expected key = value");
            string key = lowered(strip(line.substr(0, eq)));
            settings[section.empty() ? key : section + "." + key] = strip(line.substr(eq + 1));
        }
    }

    string get(const string& key, const string& fallback) const {
        auto it = settings.find(lowered(key));
        return it == settings.end() ? fallback : it->second;
    }

    int get_int(const string& key, int fallback) const {
        auto it = settings.find(lowered(key));
        if (it == settings.end()) return fallback;
        size_t used = 0;
        try {
            int n = stoi(it->second, &used);
            if (used == it->second.size()) return n;
        } catch (const exception&) {
        }
        throw ConfigError(key + " is not a number: " + it->second);
    }

    bool get_bool(const string& key) const {
        string raw = lowered(get(key, ""));
        return raw == "true" || raw == "yes" || raw == "on" || raw == "1";
    }

    vector<string> keys(const string& section) const {
        vector<string> out;
        string prefix = lowered(section) + ".";
        for (const auto& [key, value] : settings)
            if (key.compare(0, prefix.size(), prefix) == 0) out.push_back(key.substr(prefix.size()));
        return out;
    }

    int size() const { return static_cast<int>(settings.size()); }
};
