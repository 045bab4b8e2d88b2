using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Reports;

public static class ReportsRegistration
{
    /// <summary>The <c>Reports</c> settings (checked at start), the live figures and their push to supervisors.</summary>
    public static IServiceCollection AddInboxReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportsOptions>().Bind(configuration.GetSection(ReportsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiveReportBuilder>();
        services.AddSingleton<ReportsPusher>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportsPusher>());
        return services;
    }
}
