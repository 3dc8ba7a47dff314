package instrument

// pfizerAttribution is the permission statement printed on the PHQ-9 and the GAD-7.
const pfizerAttribution = "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, " +
	"with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."

// frequency is the answer scale the PHQ-9 and the GAD-7 share: how often over the last 2 weeks.
var frequency = []Option{
	{"Not at all", 0},
	{"Several days", 1},
	{"More than half the days", 2},
	{"Nearly every day", 3},
}

// phq9Instructions is the stem of the PHQ-9 and the PHQ-2.
const phq9Instructions = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"

// phq9 is the Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001). Its optional
// tenth question (how difficult the problems made life) is not scored and is left out.
var phq9 = &Instrument{
	ID:           PHQ9,
	Name:         "PHQ-9",
	Title:        "Patient Health Questionnaire-9",
	Instructions: phq9Instructions,
	Attribution:  pfizerAttribution,
	PanelLOINC:   "44249-1",
	TotalLOINC:   "44261-6",
	Items:        phq9Items,
	Bands: []Band{
		{Code: "minimal", Label: "Minimal", Min: 0, Max: 4},
		{Code: "mild", Label: "Mild", Min: 5, Max: 9},
		{Code: "moderate", Label: "Moderate", Min: 10, Max: 14},
		{Code: "moderately_severe", Label: "Moderately severe", Min: 15, Max: 19},
		{Code: "severe", Label: "Severe", Min: 20, Max: 27},
	},
	MaxTotal:   27,
	RecallDays: 14,
}

// phq9Items are the PHQ-9's nine questions; the PHQ-2 is the first two.
var phq9Items = []Item{
	{Key: "item1", LOINC: "44250-9", Options: frequency,
		Text: "Little interest or pleasure in doing things"},
	{Key: "item2", LOINC: "44255-8", Options: frequency,
		Text: "Feeling down, depressed, or hopeless"},
	{Key: "item3", LOINC: "44259-0", Options: frequency,
		Text: "Trouble falling or staying asleep, or sleeping too much"},
	{Key: "item4", LOINC: "44254-1", Options: frequency,
		Text: "Feeling tired or having little energy"},
	{Key: "item5", LOINC: "44251-7", Options: frequency,
		Text: "Poor appetite or overeating"},
	{Key: "item6", LOINC: "44258-2", Options: frequency,
		Text: "Feeling bad about yourself — or that you are a failure or have let yourself or your family down"},
	{Key: "item7", LOINC: "44252-5", Options: frequency,
		Text: "Trouble concentrating on things, such as reading the newspaper or watching television"},
	{Key: "item8", LOINC: "44253-3", Options: frequency,
		Text: "Moving or speaking so slowly that other people could have noticed? Or the opposite — " +
			"being so fidgety or restless that you have been moving around a lot more than usual"},
	{Key: "item9", LOINC: "44260-8", Options: frequency, Critical: true,
		Text: "Thoughts that you would be better off dead or of hurting yourself in some way"},
}

// phq2 is the Patient Health Questionnaire-2 (Kroenke, Spitzer & Williams 2003): the PHQ-9's
// first two questions, low mood and loss of interest, as a screen for depression. A total of 3
// or more is a positive screen, after which the rest of the PHQ-9 is asked.
var phq2 = &Instrument{
	ID:           PHQ2,
	Name:         "PHQ-2",
	Title:        "Patient Health Questionnaire-2",
	Instructions: phq9Instructions,
	Attribution:  pfizerAttribution,
	PanelLOINC:   "55757-9",
	TotalLOINC:   "55758-7",
	Items:        phq9Items[:2:2],
	Bands:        twoItemScreenBands,
	Screen:       true,
	MaxTotal:     6,
	RecallDays:   14,
}

// twoItemScreenBands are the bands of the PHQ-2 and the GAD-2: a total of 3 or more (of 6) is
// a positive screen.
var twoItemScreenBands = []Band{
	{Code: "negative", Label: "Negative screen", Min: 0, Max: 2},
	{Code: "positive", Label: "Positive screen", Min: 3, Max: 6, Positive: true},
}
