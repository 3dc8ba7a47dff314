package icd10

import (
	"strings"
)

// Search returns up to limit codes (all when limit ≤ 0) matching query, in tabular order with
// billable codes before headings. A query word that looks like a code ("F10", "f10.2", "F102")
// keeps codes starting with it; every other word must start a word of the long or short
// description ("alc dep" finds "Alcohol dependence …"). Case and the code's dot do not matter.
func (s *Set) Search(query string, limit int) []Code {
	var prefixes, words []string
	for _, w := range strings.Fields(strings.ToLower(query)) {
		w = strings.Trim(w, ",;()[]")
		if w == "" {
			continue
		}
		if looksLikeCode(w) {
			prefixes = append(prefixes, Key(w))
			continue
		}
		words = append(words, strings.FieldsFunc(w, notAlnum)...)
	}
	if len(prefixes) == 0 && len(words) == 0 {
		return nil
	}
	var billable, headers []Code
	for _, c := range s.codes {
		if !matchesPrefixes(Key(c.Code), prefixes) || !matchesWords(c, words) {
			continue
		}
		if c.Billable {
			billable = append(billable, c)
		} else {
			headers = append(headers, c)
		}
	}
	out := append(billable, headers...)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// looksLikeCode reports whether w (lower case) reads as the start of a code: a letter then a digit.
func looksLikeCode(w string) bool {
	k := Key(w)
	if len(k) < 2 || len(k) > 7 || k[0] < 'A' || k[0] > 'Z' || k[1] < '0' || k[1] > '9' {
		return false
	}
	for i := 2; i < len(k); i++ {
		if !(k[i] >= '0' && k[i] <= '9' || k[i] >= 'A' && k[i] <= 'Z') {
			return false
		}
	}
	return true
}

func matchesPrefixes(key string, prefixes []string) bool {
	for _, p := range prefixes {
		if !strings.HasPrefix(key, p) {
			return false
		}
	}
	return true
}

func matchesWords(c Code, words []string) bool {
	if len(words) == 0 {
		return true
	}
	text := strings.FieldsFunc(strings.ToLower(c.Long+" "+c.Short), notAlnum)
	for _, w := range words {
		found := false
		for _, t := range text {
			if strings.HasPrefix(t, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// notAlnum splits text into words at anything but a lower-case letter or a digit.
func notAlnum(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }
