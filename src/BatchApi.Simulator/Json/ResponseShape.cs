using BatchApi.Simulator.Faults;

namespace BatchApi.Simulator.Json;

/// <summary>How a fault bends an otherwise normal list or retrieve body.</summary>
internal readonly record struct ResponseShape(string? StatusOverride, bool ExtraFields, bool PaginationLoop)
{
    public static ResponseShape From(SimulatedFault? fault) => fault?.Kind switch
    {
        SimulatedFaultKind.UnknownStatus => new(fault.Status, false, false),
        SimulatedFaultKind.ExtraFields => new(null, true, false),
        SimulatedFaultKind.PaginationLoop => new(null, false, true),
        _ => default,
    };
}
