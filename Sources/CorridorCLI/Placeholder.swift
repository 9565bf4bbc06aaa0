enum _PlaceholderCorridorCLI {}
