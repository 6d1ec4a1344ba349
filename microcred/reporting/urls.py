from microcred.reporting import urls_dashboard, urls_partner

app_name = "reporting"
# Consortium figures and a partner's own learners are separate pages with separate permissions.
urlpatterns = urls_dashboard.urlpatterns + urls_partner.urlpatterns
