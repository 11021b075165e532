#include <cctype>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

static string lower(string s) {
    for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return s;
}

// HTTP headers: names are case-insensitive, a name may repeat, the first spelling seen is kept; sorted by name.
class HttpHeaders {
    map<string, string> spelling;
    map<string, vector<string>> values;

    static void check_name(const string& name) {
        if (name.empty()) throw invalid_argument("empty header name");
        for (char c : name)
            if (!isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
                throw invalid_argument("bad header name: " + name);
    }

public:
    void add(const string& name, const string& value) {
        check_name(name);
        string key = lower(name);
        spelling.emplace(key, name);
        size_t b = value.find_first_not_of(" \t\n");
        size_t e = value.find_last_not_of(" \t\n");
        values[key].push_back(b == string::npos ? "" : value.substr(b, e - b + 1));
    }

    void set(const string& name, const string& value) {
        remove(name);
        add(name, value);
    }

    bool remove(const string& name) {
        spelling.erase(lower(name));
        return values.erase(lower(name)) > 0;
    }

    string get(const string& name) const {
        auto it = values.find(lower(name));
        if (it == values.end()) return "";
        string out;
        for (const string& v : it->second) out += (out.empty() ? "" : ", ") + v;
        return out;
    }

    int content_length() const {
        string raw = get("Content-Length");
        if (raw.empty()) return -1;
        size_t used = 0;
        int n = 0;
        try {
            n = stoi(raw, &used);
        } catch (const exception&) {
            throw logic_error("bad Content-Length: " + raw);
        }
        if (used != raw.size()) throw logic_error("bad Content-Length: " + raw);
        return n;
    }

    vector<string> lines() const {
        vector<string> out;
        for (const auto& [key, list] : values)
            for (const string& v : list) out.push_back(spelling.at(key) + ": " + v);
        return out;
    }

    int size() const { return static_cast<int>(values.size()); }
};
