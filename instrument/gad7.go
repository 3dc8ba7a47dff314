package instrument

// gad7 is the Generalized Anxiety Disorder 7-item scale (Spitzer, Kroenke, Williams & Löwe
// 2006). Its optional difficulty question is not scored and is left out.
var gad7 = &Instrument{
	ID:           GAD7,
	Name:         "GAD-7",
	Title:        "Generalized Anxiety Disorder 7-item scale",
	Instructions: "Over the last 2 weeks, how often have you been bothered by the following problems?",
	Attribution:  pfizerAttribution,
	PanelLOINC:   "69737-5",
	TotalLOINC:   "70274-6",
	Items: []Item{
		{Key: "item1", LOINC: "69725-0", Options: frequency, Text: "Feeling nervous, anxious, or on edge"},
		{Key: "item2", LOINC: "68509-9", Options: frequency, Text: "Not being able to stop or control worrying"},
		{Key: "item3", LOINC: "69733-4", Options: frequency, Text: "Worrying too much about different things"},
		{Key: "item4", LOINC: "69734-2", Options: frequency, Text: "Trouble relaxing"},
		{Key: "item5", LOINC: "69735-9", Options: frequency, Text: "Being so restless that it is hard to sit still"},
		{Key: "item6", LOINC: "69689-8", Options: frequency, Text: "Becoming easily annoyed or irritable"},
		{Key: "item7", LOINC: "69736-7", Options: frequency, Text: "Feeling afraid as if something awful might happen"},
	},
	Bands: []Band{
		{Code: "minimal", Label: "Minimal", Min: 0, Max: 4},
		{Code: "mild", Label: "Mild", Min: 5, Max: 9},
		{Code: "moderate", Label: "Moderate", Min: 10, Max: 14},
		{Code: "severe", Label: "Severe", Min: 15, Max: 21},
	},
	MaxTotal:   21,
	RecallDays: 14,
}
