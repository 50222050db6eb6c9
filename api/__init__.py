"""evacfacts: evacuation figures as structured, attributed, citable claims."""
