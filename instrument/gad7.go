package instrument

// gad7Instructions is the stem of the GAD-7 and the GAD-2.
const gad7Instructions = "Over the last 2 weeks, how often have you been bothered by the following problems?"

// gad7 is the Generalized Anxiety Disorder 7-item scale (Spitzer, Kroenke, Williams & Löwe
// 2006). Its optional difficulty question is not scored and is left out.
var gad7 = &Instrument{
	ID:           GAD7,
	Name:         "GAD-7",
	Title:        "Generalized Anxiety Disorder 7-item scale",
	Instructions: gad7Instructions,
	Attribution:  pfizerAttribution,
	PanelLOINC:   "69737-5",
	TotalLOINC:   "70274-6",
	Items:        gad7Items,
	Bands: []Band{
		{Code: "minimal", Label: "Minimal", Min: 0, Max: 4},
		{Code: "mild", Label: "Mild", Min: 5, Max: 9},
		{Code: "moderate", Label: "Moderate", Min: 10, Max: 14},
		{Code: "severe", Label: "Severe", Min: 15, Max: 21},
	},
	MaxTotal:   21,
	RecallDays: 14,
}

// gad7Items are the GAD-7's seven questions; the GAD-2 is the first two.
var gad7Items = []Item{
	{Key: "item1", LOINC: "69725-0", Options: frequency, Text: "Feeling nervous, anxious, or on edge"},
	{Key: "item2", LOINC: "68509-9", Options: frequency, Text: "Not being able to stop or control worrying"},
	{Key: "item3", LOINC: "69733-4", Options: frequency, Text: "Worrying too much about different things"},
	{Key: "item4", LOINC: "69734-2", Options: frequency, Text: "Trouble relaxing"},
	{Key: "item5", LOINC: "69735-9", Options: frequency, Text: "Being so restless that it is hard to sit still"},
	{Key: "item6", LOINC: "69689-8", Options: frequency, Text: "Becoming easily annoyed or irritable"},
	{Key: "item7", LOINC: "69736-7", Options: frequency, Text: "Feeling afraid as if something awful might happen"},
}

// gad2 is the Generalized Anxiety Disorder 2-item scale (Kroenke, Spitzer, Williams, Monahan &
// Löwe 2007): the GAD-7's first two questions, nervousness and uncontrolled worry, as a screen
// for anxiety. A total of 3 or more is a positive screen, after which the rest of the GAD-7 is
// asked. carepath names no LOINC panel or total code for it until one is confirmed; its items
// keep the GAD-7's item codes.
var gad2 = &Instrument{
	ID:           GAD2,
	Name:         "GAD-2",
	Title:        "Generalized Anxiety Disorder 2-item scale",
	Instructions: gad7Instructions,
	Attribution:  pfizerAttribution,
	Items:        gad7Items[:2:2],
	Bands:        twoItemScreenBands,
	Screen:       true,
	MaxTotal:     6,
	RecallDays:   14,
}
