package httpserver

import "strings"

// CSVCell is s made safe for a CSV file a spreadsheet opens: a cell starting with = + - @, a
// tab or a carriage return is read by spreadsheets as a formula, so it gets a leading
// apostrophe, which they show as text. Pages and the API write every free-text CSV cell
// through it.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
