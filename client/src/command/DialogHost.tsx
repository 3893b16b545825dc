import type { ReactElement } from 'react';
import { AlarmDialog } from './AlarmDialog';
import { DisasterDialog } from './DisasterDialog';
import { DispatchDialog, RecallDialog } from './DispatchDialog';
import { IncidentForm } from './IncidentForm';
import { useTablet } from './context';
import { useTabletUi } from './ui-store';

/** The open dialog, if any; command dialogs only for those who may command. */
export function DialogHost(): ReactElement | null {
  const dialog = useTabletUi((s) => s.dialog);
  const { canCommand, canVerify } = useTablet();
  if (dialog?.kind === 'disaster') {
    return canVerify ? (
      <DisasterDialog
        key={`${dialog.action}-${dialog.reportId}`}
        reportId={dialog.reportId}
        action={dialog.action}
      />
    ) : null;
  }
  if (!dialog || !canCommand) return null;
  switch (dialog.kind) {
    case 'create':
      return <IncidentForm key={`create-${dialog.location.join(',')}`} mode={dialog} />;
    case 'edit':
      return <IncidentForm key={`edit-${dialog.incidentId}`} mode={dialog} />;
    case 'dispatch':
      return <DispatchDialog incidentId={dialog.incidentId} resourceIds={dialog.resourceIds} />;
    case 'recall':
      return <RecallDialog incidentId={dialog.incidentId} resourceId={dialog.resourceId} />;
    case 'alarm':
      return <AlarmDialog key={dialog.alarmId} alarmId={dialog.alarmId} />;
  }
}
