/**
 * The drag-and-drop frame of every list that reorders or regroups its rows: the shared sensors
 * and collision rule (lib/dnd.ts), and what a screen reader hears — the list's own instructions
 * and announcements.
 */
import { DndContext, type Announcements, type DndContextProps } from '@dnd-kit/core';
import { collisionDetection, useRowSensors } from '../lib/dnd.ts';

export function RowDndContext({
  announcements,
  instructions,
  ...events
}: {
  announcements: Announcements;
  /** How to move a row with the keyboard, read when a handle takes the focus. */
  instructions: string;
} & Pick<DndContextProps, 'onDragStart' | 'onDragEnd' | 'onDragCancel' | 'children'>) {
  const sensors = useRowSensors();
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={{ announcements, screenReaderInstructions: { draggable: instructions } }}
      {...events}
    />
  );
}
