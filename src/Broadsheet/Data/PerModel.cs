using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Broadsheet.Data;

// A compiled query is bound to the model it first ran with, and SQLite's and PostgreSQL's models
// differ: one process may serve both (a site being copied from one to the other, the test host),
// so each model gets its own compiled delegate.
internal sealed class PerModel<T>(Func<T> compile) where T : class
{
    private readonly ConditionalWeakTable<IModel, T> _compiled = [];

    public T For(DbContext db) => _compiled.GetValue(db.Model, _ => compile());
}
