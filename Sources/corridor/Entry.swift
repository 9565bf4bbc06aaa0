import ArgumentParser
import CorridorCLI

@main
extension CorridorCommand {}
