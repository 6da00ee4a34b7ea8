using BatchApi.Simulator.Faults;

namespace BatchApi.Simulator.Json;

/// <summary>How a fault bends an otherwise normal list, retrieve or results body.</summary>
internal readonly record struct ResponseShape(string? StatusOverride, bool ExtraFields, bool PaginationLoop, string? UnknownResultType = null)
{
    public static ResponseShape From(SimulatedFault? fault) => fault?.Kind switch
    {
        SimulatedFaultKind.UnknownStatus => new(fault.Status, false, false),
        SimulatedFaultKind.ExtraFields => new(null, true, false),
        SimulatedFaultKind.PaginationLoop => new(null, false, true),
        SimulatedFaultKind.UnknownResultType => new(null, false, false, fault.Status),
        _ => default,
    };
}
