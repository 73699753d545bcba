# Messages to Veilig Thuis: the sent advice request or report (frozen, encrypted) and its events.

import django.db.models.deletion
import django.utils.timezone
import samenveilig.lib.crypto
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_users_organisations_memberships_tokens'),
        ('meldcode', '0002_seed_checklist_items'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Melding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('adviesvraag', 'Adviesvraag'), ('melding', 'Melding')], max_length=20, verbose_name='soort')),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='verzonden op')),
                ('content', samenveilig.lib.crypto.EncryptedTextField(verbose_name='inhoud')),
                ('pdf', samenveilig.lib.crypto.EncryptedTextField(blank=True, verbose_name='PDF-kopie')),
                ('identity_disclosure', models.CharField(blank=True, choices=[('ja', 'Ja, mijn identiteit mag aan het gezin bekend worden gemaakt'), ('nee_gevaar', 'Nee, want dat brengt iemand in gevaar')], max_length=20, verbose_name='identiteit bekend maken aan het gezin')),
                ('status', models.CharField(choices=[('verzonden', 'Verzonden, nog niet ontvangen'), ('ontvangen', 'Ontvangen'), ('in_behandeling', 'In behandeling'), ('veiligheidsbeoordeling', 'Veiligheidsbeoordeling gedaan'), ('overgedragen', 'Overgedragen aan lokaal team'), ('onderzoek', 'Onderzoek'), ('afgesloten', 'Afgesloten'), ('teruggestuurd', 'Teruggestuurd naar de afzender'), ('ingetrokken', 'Ingetrokken door de afzender')], default='verzonden', max_length=30, verbose_name='status')),
                ('acknowledged_at', models.DateTimeField(blank=True, null=True, verbose_name='ontvangst bevestigd op')),
                ('feedback_due_on', models.DateField(blank=True, null=True, verbose_name='terugkoppeling verwacht op')),
                ('last_change', models.DateTimeField(default=django.utils.timezone.now, verbose_name='laatste wijziging')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='versie')),
                ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meldingen', to='meldcode.dossier', verbose_name='dossier')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='verzonden door organisatie')),
                ('sender', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='afzender')),
                ('vt_organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meldcode_inbox', to='accounts.organisation', verbose_name='Veilig Thuis')),
            ],
            options={
                'verbose_name': 'bericht aan Veilig Thuis',
                'verbose_name_plural': 'berichten aan Veilig Thuis',
                'ordering': ['-sent_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='MeldingEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='vastgelegd')),
                ('kind', models.CharField(choices=[('verzonden', 'Verzonden'), ('ontvangst', 'Ontvangst bevestigd'), ('status', 'Status bijgewerkt'), ('teruggestuurd', 'Teruggestuurd'), ('doorgestuurd', 'Doorgestuurd naar een andere regio'), ('ingetrokken', 'Ingetrokken'), ('aanvulling', 'Aanvulling')], max_length=20, verbose_name='soort')),
                ('from_status', models.CharField(blank=True, choices=[('verzonden', 'Verzonden, nog niet ontvangen'), ('ontvangen', 'Ontvangen'), ('in_behandeling', 'In behandeling'), ('veiligheidsbeoordeling', 'Veiligheidsbeoordeling gedaan'), ('overgedragen', 'Overgedragen aan lokaal team'), ('onderzoek', 'Onderzoek'), ('afgesloten', 'Afgesloten'), ('teruggestuurd', 'Teruggestuurd naar de afzender'), ('ingetrokken', 'Ingetrokken door de afzender')], max_length=30, verbose_name='van status')),
                ('to_status', models.CharField(blank=True, choices=[('verzonden', 'Verzonden, nog niet ontvangen'), ('ontvangen', 'Ontvangen'), ('in_behandeling', 'In behandeling'), ('veiligheidsbeoordeling', 'Veiligheidsbeoordeling gedaan'), ('overgedragen', 'Overgedragen aan lokaal team'), ('onderzoek', 'Onderzoek'), ('afgesloten', 'Afgesloten'), ('teruggestuurd', 'Teruggestuurd naar de afzender'), ('ingetrokken', 'Ingetrokken door de afzender')], max_length=30, verbose_name='naar status')),
                ('message', samenveilig.lib.crypto.EncryptedTextField(blank=True, verbose_name='bericht')),
                ('is_feedback', models.BooleanField(default=False, verbose_name='wettelijke terugkoppeling')),
                ('follow_up_started', models.CharField(blank=True, choices=[('ja', 'Ja'), ('nee', 'Nee')], max_length=5, verbose_name='vervolg ingezet')),
                ('handed_to', models.CharField(blank=True, choices=[('lokaal_team', 'Het lokale (wijk)team'), ('bestaande_hulp', 'De hulpverlening die al betrokken is'), ('mda', 'Multidisciplinaire aanpak (MDA++)'), ('raad', 'De Raad voor de Kinderbescherming'), ('gezin', 'Het gezin zelf'), ('niemand', 'Niemand: Veilig Thuis blijft zelf betrokken')], max_length=20, verbose_name='overgedragen aan')),
                ('reporter_has_role', models.BooleanField(blank=True, null=True, verbose_name='melder heeft een rol')),
                ('safety_conditions', samenveilig.lib.crypto.EncryptedTextField(blank=True, verbose_name='veiligheidsvoorwaarden')),
                ('monitoring_agreements', samenveilig.lib.crypto.EncryptedTextField(blank=True, verbose_name='afspraken over monitoring')),
                ('investigation_outcome', models.CharField(blank=True, choices=[('bevestigd', 'Bevestigd'), ('niet_bevestigd', 'Niet bevestigd'), ('weerlegd', 'Weerlegd')], max_length=20, verbose_name='uitkomst van het onderzoek')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vastgelegd door')),
                ('forwarded_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.organisation', verbose_name='doorgestuurd naar')),
                ('melding', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='meldcode.melding', verbose_name='bericht')),
                ('organisation', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.organisation', verbose_name='namens organisatie')),
            ],
            options={
                'verbose_name': 'gebeurtenis bij een bericht aan Veilig Thuis',
                'verbose_name_plural': 'gebeurtenissen bij berichten aan Veilig Thuis',
                'ordering': ['created', 'pk'],
                'abstract': False,
            },
        ),
        migrations.AddIndex(
            model_name='melding',
            index=models.Index(fields=['vt_organisation', 'status'], name='meldcode_melding_inbox'),
        ),
        migrations.AddIndex(
            model_name='melding',
            index=models.Index(fields=['feedback_due_on'], name='meldcode_melding_due'),
        ),
    ]
