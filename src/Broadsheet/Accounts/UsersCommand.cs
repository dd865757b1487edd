using Broadsheet.Shared;

namespace Broadsheet.Accounts;

// `users add --email E --name N --role R`: creates an account; the password comes from standard
// input, never from the command line (where it would stay in the shell history and process list).
public static class UsersCommand
{
    public const string Usage = "Usage: users add --email EMAIL --name NAME --role ROLE   (password read from standard input)";

    public static async Task<int> RunAsync(CommandContext command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (email, name, role) = (command.Option("email"), command.Option("name"), command.Option("role"));
        if (command.Args is not ["add", ..] || email is null || name is null || role is null)
        {
            await command.Error.WriteLineAsync(Usage);
            return 2;
        }
        var password = command.ReadSecret("Password: ");
        var staff = command.Services.GetRequiredService<StaffDirectory>();
        var errors = await staff.CreateAsync(new StaffDirectory.NewAccount(email, name, role, password), command.CancellationToken);
        if (errors is not null)
        {
            foreach (var error in errors)
            {
                await command.Error.WriteLineAsync(error);
            }
            return 1;
        }
        await command.Output.WriteLineAsync($"Created {role} {email}.");
        return 0;
    }
}
